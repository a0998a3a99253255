#!/bin/sh
# Module boundaries (make depcheck): each library header has one home and no
# module includes from a module it must not know.
out=$(sh scripts/depcheck.sh 2>&1)
rc=$?
echo "$out"
if [ $rc -eq 0 ]; then
	echo "test_depcheck: 1 passed, 0 failed"
else
	echo "test_depcheck: 0 passed, 1 failed"
fi
exit $rc
