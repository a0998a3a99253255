/* The one phone-number normaliser (common/phone.h). */
#include <ctype.h>
#include <string.h>

#include "common/phone.h"

static bool
filler(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '-' || ch == '.' ||
	    ch == '(' || ch == ')';
}

/* The digits of in into d[dsz]; false on any other character. */
static bool
digits_of(const char *in, char *d, size_t dsz, size_t *n)
{
	*n = 0;
	for (; *in != '\0'; in++) {
		if (isdigit((unsigned char)*in)) {
			if (*n + 1 >= dsz)
				return false;
			d[(*n)++] = *in;
		} else if (!filler(*in))
			return false;
	}
	d[*n] = '\0';
	return true;
}

int
phone_e164(const char *in, const char *country_code, bool international,
    char *out, size_t outsz)
{
	char		 d[32];
	const char	*cc = country_code != NULL && *country_code != '\0' ?
			    country_code : "62";
	const char	*prefix = "";
	size_t		 n, skip = 0, total;
	bool		 plus = false;

	if (outsz > 0)
		out[0] = '\0';
	if (in == NULL)
		return -1;
	while (*in == ' ' || *in == '\t')
		in++;
	if (*in == '+') {
		plus = true;
		in++;
	}
	if (!digits_of(in, d, sizeof(d), &n))
		return -1;
	if (!plus) {
		if (n >= 2 && d[0] == '0' && d[1] == '0')
			skip = 2;		/* 00: international prefix */
		else if (n >= 1 && d[0] == '0') {
			skip = 1;		/* trunk 0: national */
			prefix = cc;
		} else if (!international && strncmp(d, cc, strlen(cc)) != 0)
			prefix = cc;		/* national, trunk 0 left out */
	}
	if (n - skip == 0 || d[skip] == '0')
		return -1;
	total = strlen(prefix) + n - skip;
	if (total < 8 || total > 15 || total + 2 > outsz)
		return -1;
	out[0] = '+';
	memcpy(out + 1, prefix, strlen(prefix));
	memcpy(out + 1 + strlen(prefix), d + skip, n - skip);
	out[total + 1] = '\0';
	return 0;
}
