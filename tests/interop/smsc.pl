#!/usr/bin/perl
# An SMSC written on Net::SMPP (Debian's libnet-smpp-perl), independent of
# both lapakd's and lapak-sim's SMPP code, that plays the operator for lapakd
# on loopback and checks what it sees. Prints "ok ..."/"FAIL ..." per check
# and "interop-smsc: N passed, N failed" last; exit 0 only when none failed.
#
# usage: smsc.pl PORT [interop|concat] [PASSWORD]
#   interop  bind, MO -> MT, receipt, long MO by UDH, sar TLVs and
#            message_payload, UCS-2 (with a surrogate pair, short and long),
#            enquire_link both ways, unbind from the SMSC and rebind
#   concat   a long MO whose parts arrive across lapakd restarts: prints
#            "PART1-ACKED N" once part 1 of round N is acknowledged, then
#            waits for lapakd to go away (the caller restarts it) and sends
#            part 2 on the new link; round 1 by UDH, round 2 by sar TLVs
use strict;
use warnings;
use Encode qw(encode decode);
use IO::Select;
use Net::SMPP;
use Time::HiRes qw(time);

my ($port, $mode, $password) = @ARGV;
die "usage: smsc.pl PORT [interop|concat] [PASSWORD]\n" unless $port;
$mode //= 'interop';
$password //= 'secret';
$| = 1;

my ($npass, $nfail) = (0, 0);
sub check {
	my ($cond, $what) = @_;
	if ($cond) { $npass++; print "ok   $what\n"; }
	else { $nfail++; print "FAIL $what\n"; }
	return $cond;
}
sub done {
	print "interop-smsc: $npass passed, $nfail failed\n";
	exit($nfail == 0 && $npass > 0 ? 0 : 1);
}
$SIG{ALRM} = sub { check(0, "overall time limit"); done(); };
alarm 50;

my $srv = Net::SMPP->new_listen('127.0.0.1', port => $port,
    smpp_version => 0x34, async => 1, timeout => 20)
    or die "interop-smsc: cannot listen on $port: $!\n";
print STDERR "interop-smsc: listening on 127.0.0.1:$port\n";

my $c;			# the current link
my $eof = 0;		# the current link closed
my @mt;			# complete MT: { to, ton, npi, text, dcs, parts, rd }
my %parts;		# MT segments by "to/ref"
my %dresp;		# deliver_sm seq -> command_status of its resp
my %eresp;		# enquire_link seq -> 1 once answered
my $enq_in = 0;		# enquire_link received from lapakd
my $msgid = 0;
my $bind;		# the last bind PDU

# GSM 03.38 default alphabet, unpacked: the ASCII-compatible subset plus a
# few others is enough for these texts.
my %gsm_other = (0x00 => '@', 0x02 => '$', 0x11 => '_', 0x0A => "\n",
    0x0D => "\r");
sub gsm_text {
	my ($b) = @_;
	my $t = '';
	for my $o (unpack 'C*', $b) {
		$t .= exists $gsm_other{$o} ? $gsm_other{$o} : chr($o);
	}
	return $t;
}

sub rd {	# next PDU within $t seconds, or undef (timeout or EOF)
	my ($t) = @_;
	return undef if $eof || !$c;
	return undef unless IO::Select->new($c)->can_read($t > 0 ? $t : 0);
	my $p = $c->read_pdu;
	$eof = 1 unless $p;
	return $p;
}

sub on_submit {
	my ($p) = @_;
	my $ud = $p->{short_message} // '';
	$ud = $p->{message_payload} if length($ud) == 0 && defined $p->{message_payload};
	my ($ref, $total, $seq) = (-1, 1, 1);
	if (($p->{esm_class} & 0x40) && length($ud) > 0) {
		my $hl = unpack('C', $ud) + 1;
		my $udh = substr($ud, 1, $hl - 1);
		$ud = substr($ud, $hl);
		while (length($udh) >= 2) {
			my ($iei, $l) = unpack 'CC', $udh;
			my $v = substr($udh, 2, $l);
			($ref, $total, $seq) = unpack 'CCC', $v if $iei == 0 && $l == 3;
			($ref, $total, $seq) = unpack 'nCC', $v if $iei == 8 && $l == 4;
			$udh = substr($udh, 2 + $l);
		}
	}
	$c->submit_sm_resp(seq => $p->{seq}, message_id => sprintf('pm%d', ++$msgid));
	my $m = { to => $p->{destination_addr}, ton => $p->{dest_addr_ton},
	    npi => $p->{dest_addr_npi}, dcs => $p->{data_coding},
	    rd => $p->{registered_delivery}, parts => $total, id => "pm$msgid" };
	if ($total > 1) {
		my $k = "$m->{to}/$ref";
		$parts{$k}[$seq - 1] = $ud;
		return if grep({ !defined } @{$parts{$k}}[0 .. $total - 1]);
		$ud = join '', @{$parts{$k}};
		delete $parts{$k};
	}
	$m->{text} = $m->{dcs} == 8 ? decode('UTF-16BE', $ud) : gsm_text($ud);
	push @mt, $m;
}

sub handle {
	my ($p) = @_;
	my $cmd = $p->{cmd};
	if ($cmd == 0x00000015) {
		$enq_in++;
		$c->enquire_link_resp(seq => $p->{seq});
	} elsif ($cmd == 0x80000015) {
		$eresp{$p->{seq}} = 1;
	} elsif ($cmd == 0x00000004) {
		on_submit($p);
	} elsif ($cmd == 0x80000005) {
		$dresp{$p->{seq}} = $p->{status};
	} elsif ($cmd == 0x00000006) {
		$c->unbind_resp(seq => $p->{seq});
	} elsif (($cmd & 0x80000000) == 0) {
		$c->generic_nack(seq => $p->{seq}, status => 0x03);
	}
}

sub pump {	# handles PDUs for up to $t seconds or until $cond->() holds
	my ($t, $cond) = @_;
	my $end = time + $t;
	while (!($cond && $cond->())) {
		my $left = $end - time;
		last if $left <= 0;
		my $p = rd($left);
		if (!$p) {
			last if $eof;
			next;
		}
		handle($p);
	}
	return $cond ? $cond->() : 1;
}

sub accept_bind {
	$c = $srv->accept;
	$eof = 0;
	return check(0, "lapakd connects") unless $c;
	my $p = rd(10);
	check($p && $p->{cmd} == 0x00000009, 'bind_transceiver received')
	    or return 0;
	$bind = $p;
	my $good = $p->{password} eq $password && $p->{system_id} eq 'lapak';
	$c->bind_transceiver_resp(seq => $p->{seq}, system_id => 'perlsmsc',
	    status => $good ? 0 : 0x0E);
	return check($good, 'bind accepted (system_id and password right)');
}

my $mo_seq = 0;
sub mo {	# sends a deliver_sm; returns its seq
	my (%a) = @_;
	my $seq = ++$mo_seq;
	$c->deliver_sm(seq => $seq, service_type => '', source_addr_ton => 1,
	    source_addr_npi => 1, dest_addr_ton => 0, dest_addr_npi => 1,
	    destination_addr => '1234', esm_class => 0, protocol_id => 0,
	    priority_flag => 0, schedule_delivery_time => '',
	    validity_period => '', registered_delivery => 0,
	    replace_if_present_flag => 0, data_coding => 0,
	    sm_default_msg_id => 0, short_message => '', %a);
	return $seq;
}

sub acked {	# waits for the deliver_sm_resp of seq; checks it is ROK
	my ($seq, $what) = @_;
	pump(10, sub { exists $dresp{$seq} });
	return check(exists $dresp{$seq} && $dresp{$seq} == 0,
	    "$what: deliver_sm_resp ESME_ROK" .
	    (exists $dresp{$seq} ? sprintf(' (status 0x%x)', $dresp{$seq}) : ' (none)'));
}

sub mt_for { my ($to) = @_; return grep { $_->{to} eq $to } @mt; }

sub expect_mt {	# waits for an MT to $to; checks text (and dcs, parts)
	my ($to, $text, $what, $dcs, $parts) = @_;
	pump(10, sub { scalar mt_for($to) });
	my ($m) = mt_for($to);
	check($m && $m->{text} eq $text, "$what: MT text")
	    or do { print '#    got: ', ($m ? encode('UTF-8', $m->{text}) : '(nothing)'), "\n"; };
	return $m unless $m;
	check($m->{dcs} == $dcs, "$what: data_coding $dcs (got $m->{dcs})")
	    if defined $dcs;
	check($m->{parts} == $parts, "$what: $parts segments (got $m->{parts})")
	    if defined $parts;
	return $m;
}

sub udh { my ($ref, $tot, $n) = @_; return pack('C6', 5, 0, 3, $ref, $tot, $n); }

sub interop {
	accept_bind() or done();
	check($bind->{interface_version} == 0x34, 'bind interface_version 0x34');

	# a plain MO and its reply
	my $s = mo(source_addr => '6281300000001', short_message => 'halo dari perl');
	acked($s, 'plain MO');
	my $m = expect_mt('6281300000001', 'halo dari perl', 'plain MO', 0, 1);
	if ($m) {
		check($m->{ton} == 1 && $m->{npi} == 1, 'MT destination TON 1 NPI 1');
		check($m->{rd} & 1, 'MT asks for a delivery receipt');
		# the receipt for it
		$s = mo(source_addr => '6281300000001', esm_class => 0x04,
		    short_message => "id:$m->{id} sub:001 dlvrd:001 submit date:2401010000 " .
		    'done date:2401010000 stat:DELIVRD err:000 text:halo dari perl',
		    receipted_message_id => "$m->{id}\0", message_state => pack('C', 2));
		acked($s, 'delivery receipt');
	}

	# long MO by 8-bit UDH concatenation
	my $long = join ' ', map { "kata$_" } 1 .. 34;	# 203 characters
	my ($a1, $a2) = (substr($long, 0, 153), substr($long, 153));
	my $s1 = mo(source_addr => '6281300000002', esm_class => 0x40,
	    short_message => udh(0x31, 2, 1) . $a1);
	my $s2 = mo(source_addr => '6281300000002', esm_class => 0x40,
	    short_message => udh(0x31, 2, 2) . $a2);
	acked($s1, 'UDH part 1');
	acked($s2, 'UDH part 2');
	expect_mt('6281300000002', $long, 'long MO by UDH', 0, 2);

	# long MO by sar_* TLVs, parts in reverse order
	my $long2 = join ' ', map { "sar$_" } 1 .. 40;
	my ($b1, $b2) = (substr($long2, 0, 153), substr($long2, 153));
	$s2 = mo(source_addr => '6281300000003', short_message => $b2,
	    sar_msg_ref_num => pack('n', 0x1234), sar_total_segments => pack('C', 2),
	    sar_segment_seqnum => pack('C', 2));
	$s1 = mo(source_addr => '6281300000003', short_message => $b1,
	    sar_msg_ref_num => pack('n', 0x1234), sar_total_segments => pack('C', 2),
	    sar_segment_seqnum => pack('C', 1));
	acked($s1, 'sar part 1');
	acked($s2, 'sar part 2');
	expect_mt('6281300000003', $long2, 'long MO by sar TLVs', 0, 2);

	# one long MO in message_payload
	my $long3 = join ' ', map { "muatan$_" } 1 .. 30;
	$s = mo(source_addr => '6281300000004', short_message => '',
	    message_payload => $long3);
	acked($s, 'message_payload MO');
	expect_mt('6281300000004', $long3, 'message_payload MO', 0, 2);

	# UCS-2, with a character outside the BMP (surrogate pair)
	my $u = "Salam \x{263A} dari Perl \x{00FC} \x{1F600}";
	$s = mo(source_addr => '6281300000005', data_coding => 8,
	    short_message => encode('UTF-16BE', $u));
	acked($s, 'UCS-2 MO');
	expect_mt('6281300000005', $u, 'UCS-2 MO', 8, 1);

	# long UCS-2 (MT split at 67 characters)
	my $u2 = join(' ', map { "\x{0411}\x{0443}$_" } 1 .. 25);	# > 70 chars
	my $e2 = encode('UTF-16BE', $u2);
	$s1 = mo(source_addr => '6281300000006', data_coding => 8, esm_class => 0x40,
	    short_message => udh(0x32, 2, 1) . substr($e2, 0, 134));
	$s2 = mo(source_addr => '6281300000006', data_coding => 8, esm_class => 0x40,
	    short_message => udh(0x32, 2, 2) . substr($e2, 134));
	acked($s1, 'long UCS-2 part 1');
	acked($s2, 'long UCS-2 part 2');
	my $parts = int((length($u2) + 66) / 67);
	expect_mt('6281300000006', $u2, 'long UCS-2 MO', 8, $parts);

	# every MT exactly once
	pump(0.5);
	check(scalar(@mt) == 6, 'exactly 6 MT in all (got ' . scalar(@mt) . ')');

	# enquire_link from the SMSC is answered
	my $eseq = $c->enquire_link(seq => 7001);
	pump(5, sub { $eresp{7001} });
	check($eresp{7001}, 'enquire_link from the SMSC answered');
	# lapakd sends its own when the link is idle (enquire_link_ms 1000)
	my $before = $enq_in;
	pump(3.5, sub { $enq_in > $before });
	check($enq_in > $before, "lapakd's own enquire_link on an idle link");

	# unbind from the SMSC: lapakd answers, reconnects, binds again
	$c->unbind(seq => 7002);
	my $got_resp = 0;
	pump(5, sub { 0 });	# until lapakd closes (EOF) or 5 s
	check($eof, 'lapakd closes the link after our unbind');
	$c->close if $c;
	accept_bind() or done();
	$s = mo(source_addr => '6281300000007', short_message => 'sesudah unbind');
	acked($s, 'MO after rebind');
	expect_mt('6281300000007', 'sesudah unbind', 'MO after rebind', 0, 1);
	pump(0.3);
	check(scalar(mt_for('6281300000001')) == 1, 'plain MO answered once');
}

sub concat_round {
	my ($round, $from, $text, $how) = @_;
	my ($p1, $p2) = (substr($text, 0, 153), substr($text, 153));
	my %h1 = $how eq 'udh'
	    ? (esm_class => 0x40, short_message => udh(0x40 + $round, 2, 1) . $p1)
	    : (short_message => $p1, sar_msg_ref_num => pack('n', 0x700 + $round),
	       sar_total_segments => pack('C', 2), sar_segment_seqnum => pack('C', 1));
	my %h2 = $how eq 'udh'
	    ? (esm_class => 0x40, short_message => udh(0x40 + $round, 2, 2) . $p2)
	    : (short_message => $p2, sar_msg_ref_num => pack('n', 0x700 + $round),
	       sar_total_segments => pack('C', 2), sar_segment_seqnum => pack('C', 2));
	my $s = mo(source_addr => $from, %h1);
	acked($s, "round $round ($how): part 1");
	pump(0.5);
	check(!mt_for($from), "round $round: no reply to half a message");
	print "PART1-ACKED $round\n";
	pump(30, sub { 0 });	# until lapakd goes away
	check($eof, "round $round: lapakd went away");
	$c->close if $c;
	accept_bind() or done();
	$s = mo(source_addr => $from, %h2);
	acked($s, "round $round: part 2 after the restart");
	expect_mt($from, $text, "round $round: reassembled across the restart", 0, 2);
	pump(0.5);
	check(scalar(mt_for($from)) == 1, "round $round: answered once");
}

if ($mode eq 'interop') {
	interop();
} elsif ($mode eq 'concat') {
	accept_bind() or done();
	concat_round(1, '6281300000021', join(' ', map { "bagian$_" } 1 .. 25), 'udh');
	concat_round(2, '6281300000022', join(' ', map { "potong$_" } 1 .. 25), 'sar');
} else {
	die "interop-smsc: unknown mode $mode\n";
}
$c->close if $c;
done();
