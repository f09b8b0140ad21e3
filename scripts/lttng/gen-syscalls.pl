#!/usr/bin/env perl
# SPDX-License-Identifier: GPL-2.0-only
#
# gen-syscalls.pl - the system call tables of LTTng built-in, from the
# kernel tree itself.
#
# Usage:
#   gen-syscalls.pl -s SRCTREE -o OVERRIDES -t TBL_64 [-c TBL_32]
#                   [-k AUTO_CONF] [-d DEPFILE -T TARGET] [-x]
#
# The syscall table (arch/x86/entry/syscalls/syscall_64.tbl, and
# syscall_32.tbl for the ia32 compat table) gives each number its entry
# point; the SYSCALL_DEFINEn() or COMPAT_SYSCALL_DEFINEn() of the entry
# point gives its arguments, their names and C types.  From the types, the
# generator decides what each argument records:
#
#   - a value (no pointer): the integer, with the size and signedness of
#     its C type, in the entry event;
#   - a user pointer to char with no length argument after it: the
#     string, in the entry event;
#   - a user pointer to char or void followed by a length argument (count,
#     len, size, ...): the pointer and the buffer's bytes; a const buffer
#     in the entry event, as many bytes as the length argument says
#     (write); any other in the exit event, as many bytes as the syscall
#     returned (read);
#   - a user pointer to a type that the overrides file declares with a
#     "type" line (struct stat, int, sigset_t, ...): the pointer and the
#     bytes of one such object; a const one in the entry event, any other
#     in the exit event, when the syscall did not fail;
#   - any other pointer: its value, in hexadecimal.
#
# The overrides file holds what needs a human: the types worth recording,
# per-argument rules where the guess above is wrong (nanosleep's rqtp is
# not const but is an input; socketpair's usockvec points to two ints),
# and the syscalls whose payload is written by hand
# (kernel/lttng/syscall-payloads.c).
# Its format is described at its top.
#
# The output, on stdout, is a C header of LTTNG_SC() lines, one per
# syscall described, and LTTNG_SC_PAYLOAD(abi, nr, name) lines for the
# hand-written ones, for kernel/lttng/syscall-tables.c.  With -k, #if
# conditions on CONFIG_ symbols around the definitions are evaluated
# against that configuration (auto.conf), so that the definition this
# kernel compiles is the one used.  With -d, a Makefile dependency file
# names the sources that were read, for kbuild's if_changed_dep.  With -x,
# a summary goes to stderr.
#
# Only perl core modules are used, and grep(1): what a kernel build needs
# anyway.

use strict;
use warnings;
use Getopt::Std;

my %opt;
getopts('s:o:t:c:k:d:T:x', \%opt) or usage();
usage() unless $opt{s} && $opt{o} && $opt{t};
my $srctree = $opt{s};

sub usage {
	print STDERR "usage: $0 -s SRCTREE -o OVERRIDES -t TBL_64 [-c TBL_32] "
		. "[-k AUTO_CONF] [-d DEPFILE -T TARGET] [-x]\n";
	exit 2;
}

sub fail {
	print STDERR "gen-syscalls.pl: @_\n";
	exit 1;
}

my @deps = ($opt{o}, $opt{t});
push @deps, $opt{c} if $opt{c};

# ---- the configuration: CONFIG_FOO=value ----------------------------------

my %config;
if ($opt{k}) {
	open my $fh, '<', $opt{k} or fail("$opt{k}: $!");
	while (<$fh>) {
		$config{$1} = $2 if /^(CONFIG_\w+)=(.*)$/;
	}
	close $fh;
}

# ---- the overrides file ----------------------------------------------------

my %types;		# pointee type => 1: recorded as an object
my @includes;		# headers that define them
my %ptrtypes;		# typedefs of pointers
my %valtypes;		# type => the C type it is recorded as
my %payloads;		# syscall => { where, native }: a hand-written payload
my %used_payload;
my %rules;		# "name:arg" => { dir, kind, len, where }
my %used_rule;

# A C type with single blanks around words and stars.
sub norm_type {
	my ($t) = @_;
	$t =~ s/\*/ * /g;
	$t =~ s/\s+/ /g;
	$t =~ s/^ | $//g;
	return $t;
}

sub add_include {
	my ($h) = @_;
	push @includes, $h unless grep { $_ eq $h } @includes;
}

sub parse_overrides {
	my ($file) = @_;
	open my $fh, '<', $file or fail("$file: $!");
	while (my $line = <$fh>) {
		$line =~ s/#.*//;
		next unless $line =~ /\S/;
		my @w = split ' ', $line;
		my $where = "$file:$.";
		if ($w[0] eq 'type') {
			my ($type, $hdr) =
				$line =~ /^\s*type\s+(.*?)\s*(?:<(\S+)>)?\s*$/;
			fail("$where: type TYPE [<HEADER>]") unless $type;
			$types{norm_type($type)} = 1;
			add_include($hdr) if $hdr;
		} elsif ($w[0] eq 'pointer-type') {
			fail("$where: pointer-type NAME") unless @w == 2;
			$ptrtypes{$w[1]} = 1;
		} elsif ($w[0] eq 'payload') {
			fail("$where: payload SYSCALL [native]")
				unless @w == 2 || (@w == 3 && $w[2] eq 'native');
			$payloads{$w[1]} = { where => $where, native => @w == 3 };
		} elsif ($w[0] eq 'value-type') {
			fail("$where: value-type NAME C-TYPE") unless @w >= 3;
			$valtypes{$w[1]} = join ' ', @w[2 .. $#w];
		} else {
			fail("$where: SYSCALL ARG RULE...") unless @w >= 3;
			my ($sc, $arg, @r) = @w;
			my %rule = (where => $where);
			for my $r (@r) {
				if ($r =~ /^(in|out|inout)$/) {
					$rule{dir} = $r;
				} elsif ($r =~ /^(string|pointer|object)$/) {
					$rule{kind} = $r;
				} elsif ($r =~ /^(data|bytes)=(\w+)$/) {
					$rule{kind} = $1;
					$rule{len} = $2;
				} else {
					fail("$where: unknown rule '$r'");
				}
			}
			fail("$where: two lines for $sc $arg") if $rules{"$sc:$arg"};
			$rules{"$sc:$arg"} = \%rule;
		}
	}
	close $fh;
}

# ---- the syscall tables ------------------------------------------------------

# Return: a list of [nr, event name, entry point].
sub read_tbl {
	my ($file, $compat) = @_;
	my @out;
	open my $fh, '<', $file or fail("$file: $!");
	while (<$fh>) {
		next if /^\s*#/ || !/\S/;
		my @f = split;
		my ($nr, $abi, $tname, $entry, $centry) = @f;
		# A number without an entry point is reserved.
		next unless defined $entry;
		my $name = $entry;
		$name =~ s/^sys_//;
		if ($compat) {
			next unless $abi eq 'i386';
			# What an ia32 task calls: the compat entry, if any.
			my $fn = (defined $centry && $centry ne '-') ? $centry : $entry;
			$name =~ s/^ia32_//;
			push @out, [$nr, $name, $fn];
		} else {
			next unless $abi eq 'common' || $abi eq '64';
			push @out, [$nr, $name, $entry];
		}
	}
	close $fh;
	return @out;
}

# ---- #if evaluation: 1 true, 0 false, undef unknown -------------------------

sub cfg_val {
	my ($sym) = @_;
	return undef unless $sym =~ /^CONFIG_/ && %config;
	my $v = $config{$sym};
	return 0 unless defined $v;
	return 0 if $v eq '0' || $v eq 'n';
	return 1;
}

sub cfg_defined {
	my ($sym) = @_;
	return undef unless $sym =~ /^CONFIG_/ && %config;
	return defined $config{$sym} ? 1 : 0;
}

sub tri_not {
	my ($a) = @_;
	return defined $a ? ($a ? 0 : 1) : undef;
}

sub tri_and {
	my ($a, $b) = @_;
	return 0 if (defined $a && !$a) || (defined $b && !$b);
	return (defined $a && defined $b) ? 1 : undef;
}

sub tri_or {
	my ($a, $b) = @_;
	return 1 if (defined $a && $a) || (defined $b && $b);
	return (defined $a && defined $b) ? 0 : undef;
}

# The expression of an #if or #elif: !, &&, ||, parentheses, defined(),
# IS_ENABLED() and friends, numbers, CONFIG_ symbols.  Anything else is
# unknown.
sub eval_cond {
	my ($expr) = @_;
	return undef unless %config;
	$expr =~ s{/\*.*?\*/}{}g;
	$expr =~ s{//.*}{};
	my @tok = $expr =~ /(\|\||&&|[()!]|\w+|\S)/g;
	my $pos = 0;
	my ($or, $and, $unary);
	my $peek = sub { return $tok[$pos] // ''; };
	$unary = sub {
		my $t = $tok[$pos++] // return undef;
		if ($t eq '!') {
			return tri_not($unary->());
		} elsif ($t eq '(') {
			my $v = $or->();
			$pos++ if $peek->() eq ')';
			return $v;
		} elsif ($t eq 'defined') {
			my $paren = $peek->() eq '(';
			$pos++ if $paren;
			my $sym = $tok[$pos++] // return undef;
			$pos++ if $paren && $peek->() eq ')';
			return cfg_defined($sym);
		} elsif ($t =~ /^IS_(ENABLED|BUILTIN|REACHABLE)$/) {
			$pos++ if $peek->() eq '(';
			my $sym = $tok[$pos++] // return undef;
			$pos++ if $peek->() eq ')';
			return cfg_val($sym);
		} elsif ($t =~ /^\d+$/) {
			return $t ? 1 : 0;
		}
		return cfg_val($t);
	};
	$and = sub {
		my $v = $unary->();
		while ($peek->() eq '&&') {
			$pos++;
			$v = tri_and($v, $unary->());
		}
		return $v;
	};
	$or = sub {
		my $v = $and->();
		while ($peek->() eq '||') {
			$pos++;
			$v = tri_or($v, $and->());
		}
		return $v;
	};
	my $v = $or->();
	return $pos == @tok ? $v : undef;
}

# ---- the SYSCALL_DEFINEs of the tree ------------------------------------------

my %defs;	# "sys_foo", "compat_sys_foo" => [ { file, state, args } ]

sub source_files {
	my @dirs = grep { -d "$srctree/$_" } qw(
		arch/x86 block certs crypto drivers fs init io_uring ipc kernel
		lib mm net security sound virt);
	my $cmd = "cd '$srctree' && grep -rlE --include='*.c' " .
		"'^(COMPAT_)?SYSCALL(32)?_DEFINE[0-6]' @dirs";
	my @files = grep { !m{^arch/x86/um/} } split /\n/, `$cmd`;
	fail("no SYSCALL_DEFINE found under $srctree") unless @files;
	return sort @files;
}

# Split a macro's arguments at their top-level commas.
sub split_args {
	my ($s) = @_;
	my @out;
	my ($cur, $depth) = ('', 0);
	for my $c (split //, $s) {
		if ($c eq ',' && !$depth) {
			push @out, $cur;
			$cur = '';
			next;
		}
		$depth++ if $c eq '(';
		$depth-- if $c eq ')';
		$cur .= $c;
	}
	push @out, $cur if $cur =~ /\S/;
	s/^\s+|\s+$//g for @out;
	return @out;
}

sub parse_define {
	my ($file, $text, $state) = @_;
	my ($kind, $n, $body) =
		$text =~ /^((?:COMPAT_)?SYSCALL(?:32)?_DEFINE)([0-6])\((.*)\)$/s or return;
	my ($name, @a) = split_args($body);
	return unless defined $name && $name =~ /^\w+$/;
	my @args;
	while (@a) {
		my $t = shift @a;
		# Two u32 halves of a 64-bit compat argument, low first.
		if ($t =~ /^(?:compat_arg_u64_dual|SC_ARG64)\((\w+)\)$/) {
			push @args, ['u32', "${1}_lo"], ['u32', "${1}_hi"];
			next;
		}
		my $v = shift @a;
		return unless defined $v && $v =~ /^\w+$/;
		push @args, [norm_type($t), $v];
	}
	# SYSCALL32_DEFINE is COMPAT_SYSCALL_DEFINE on a 64-bit kernel.
	my $key = ($kind =~ /^COMPAT|32/ ? 'compat_sys_' : 'sys_') . $name;
	push @{$defs{$key}}, { file => $file, state => $state, args => \@args };
}

# The state of the current line: 1 compiled, 0 not, undef unknown.
sub state_of {
	my ($stack) = @_;
	my $s = 1;
	$s = tri_and($s, $_->[0]) for @$stack;
	return $s;
}

sub balanced {
	my ($s) = @_;
	my $open = () = $s =~ /\(/g;
	my $close = () = $s =~ /\)/g;
	return $open <= $close;
}

sub scan_file {
	my ($file) = @_;
	open my $fh, '<', "$srctree/$file" or fail("$srctree/$file: $!");
	my @stack;	# per #if level: [ this branch (tri), a branch taken (tri) ]
	my $acc;	# a SYSCALL_DEFINE being read
	my $cont = '';	# a directive being read
	while (my $line = <$fh>) {
		if (defined $acc || $line =~ /^(?:COMPAT_)?SYSCALL(?:32)?_DEFINE[0-6]\(/) {
			$acc = (defined $acc ? $acc : '') . $line;
			next unless balanced($acc);
			$acc =~ s/\)[^)]*$/)/s;
			parse_define($file, $acc, state_of(\@stack));
			undef $acc;
			next;
		}
		next unless $cont ne '' ||
			$line =~ /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b/;
		$cont .= $line;
		next if $line =~ /\\\s*$/;
		my $d = $cont;
		$cont = '';
		$d =~ s/\\\n/ /g;
		if ($d =~ /^\s*#\s*ifdef\s+(\w+)/) {
			my $v = cfg_defined($1);
			push @stack, [$v, $v];
		} elsif ($d =~ /^\s*#\s*ifndef\s+(\w+)/) {
			my $v = tri_not(cfg_defined($1));
			push @stack, [$v, $v];
		} elsif ($d =~ /^\s*#\s*if\s+(.*)/) {
			my $v = eval_cond($1);
			push @stack, [$v, $v];
		} elsif ($d =~ /^\s*#\s*elif\s+(.*)/ && @stack) {
			my $taken = $stack[-1][1];
			my $v = tri_and(tri_not($taken), eval_cond($1));
			$stack[-1] = [$v, tri_or($taken, $v)];
		} elsif ($d =~ /^\s*#\s*else\b/ && @stack) {
			$stack[-1] = [tri_not($stack[-1][1]), 1];
		} elsif ($d =~ /^\s*#\s*endif\b/) {
			pop @stack;
		}
	}
	close $fh;
}

# The definition of an entry point: the one this configuration compiles,
# else any (a syscall that this configuration leaves out, or compat ones
# when it has no CONFIG_COMPAT, still has its arguments).
sub find_def {
	my ($fn) = @_;
	my @all = @{$defs{$fn} // []};
	return undef unless @all;
	my @c = grep { !defined $_->{state} || $_->{state} } @all;
	@c = @all unless @c;
	my @sure = grep { defined $_->{state} } @c;
	@c = @sure if @sure;
	my %sigs = map { join(',', map { "@$_" =~ s/\bconst //gr } @{$_->{args}}) => 1 } @c;
	print STDERR "gen-syscalls.pl: $fn: the definitions differ, "
		. "using the one of $c[0]{file}\n" if keys %sigs > 1;
	return $c[0];
}

# ---- classification ------------------------------------------------------------

my %stats;

# "const struct stat __user *" gives ("struct stat", 1); undef for a
# pointer to pointer.
sub pointee {
	my ($t) = @_;
	return () if $t =~ /\*.*\*/;
	my $const = $t =~ /^const\b/ ? 1 : 0;
	my $b = $t;
	$b =~ s/\*.*//;
	$b =~ s/\b(const|__user|volatile)\b//g;
	$b =~ s/\s+/ /g;
	$b =~ s/^ | $//g;
	return ($b, $const);
}

sub is_len_name {
	my ($n) = @_;
	return 0 if $n eq 'length';
	return $n =~ /^(\w*(count|len|size|sz)|nbytes|bufsiz)$/;
}

# The default of an argument, from its type.
sub guess {
	my ($args, $i) = @_;
	my ($type) = @{$args->[$i]};
	my %f;
	(my $bare = $type) =~ s/^const //;
	if ($type !~ /\*/ && !$ptrtypes{$bare}) {
		return (kind => 'value', dir => 'in');
	}
	my ($base, $const) = pointee($type);
	return (kind => 'pointer', dir => 'in') if !defined $base || $type !~ /__user/;
	my $dir = $const ? 'in' : 'out';
	if ($base eq 'char' || $base eq 'void') {
		my $next = $args->[$i + 1];
		if ($next && $next->[0] !~ /\*/ && is_len_name($next->[1])) {
			return (kind => 'data', dir => $dir, base => $base,
				partner => $next->[1]);
		}
		return (kind => 'string', dir => 'in') if $base eq 'char';
		return (kind => 'pointer', dir => $dir);
	}
	return (kind => 'object', dir => $dir, base => $base) if $types{$base};
	return (kind => 'pointer', dir => $dir, base => $base);
}

# Return: the fields of a syscall, one hash per argument.
sub classify {
	my ($abi, $name, $args) = @_;
	my @f;
	for my $i (0 .. $#$args) {
		my ($type, $arg) = @{$args->[$i]};
		my %f = (arg => $i, name => $arg, type => $type, guess($args, $i));
		($f{base}) = pointee($type) if $type =~ /\*/;
		my $key = $abi eq 'compat' && $rules{"compat_$name:$arg"} ?
			"compat_$name:$arg" : "$name:$arg";
		if (my $rule = $rules{$key}) {
			$used_rule{$key} = 1;
			$f{dir} = $rule->{dir} if $rule->{dir};
			@f{qw(kind len)} = @$rule{qw(kind len)} if $rule->{kind};
		}
		# A buffer and its length argument: an input has that many
		# bytes, an output as many as the syscall returned.
		$f{len} //= $f{dir} eq 'out' ? 'ret' : $f{partner}
			if $f{partner} && $f{kind} eq 'data';
		my $base = $f{base};
		if ($f{kind} eq 'data' || $f{kind} eq 'bytes') {
			my $len = $f{len};
			if ($len ne 'ret' && $len !~ /^\d+$/) {
				my ($j) = grep { $args->[$_][1] eq $len } 0 .. $#$args;
				fail("$name $arg: no argument $len") unless defined $j;
				$f{len_arg} = $j;
			}
			fail("$name $arg: data=ret is an output, not $f{dir}")
				if $len eq 'ret' && $f{dir} ne 'out';
			if ($f{kind} eq 'bytes' || !defined $base ||
			    $base =~ /^(void|char|unsigned char)$/) {
				$f{elem} = 1;
			} elsif (!$types{$base}) {
				fail("$name $arg: data= of $base, not a known type: use bytes=");
			}
			$f{kind} = 'data';
		}
		fail("$name $arg: object of " . ($base // $type) . ", not a known type")
			if $f{kind} eq 'object' && !(defined $base && $types{$base});
		fail("$name $arg: a string is an input")
			if $f{kind} eq 'string' && $f{dir} ne 'in';
		$stats{$f{kind}}++;
		push @f, \%f;
	}
	return @f;
}

# ---- output ----------------------------------------------------------------------

sub c_field {
	my ($f) = @_;
	my ($i, $n) = ($f->{arg}, $f->{name});
	my $k = $f->{kind};
	if ($k eq 'value') {
		(my $bare = $f->{type}) =~ s/^const //;
		return "LTTNG_SC_HEX($i, $n)" if $ptrtypes{$bare};
		# An enum may be declared only: it is an int on the ABI.
		return "LTTNG_SC_INT($i, int, $n)" if $bare =~ /^enum\b/;
		return "LTTNG_SC_INT($i, $valtypes{$bare}, $n)" if $valtypes{$bare};
		return "LTTNG_SC_INT($i, $f->{type}, $n)";
	}
	return "LTTNG_SC_HEX($i, $n)" if $k eq 'pointer';
	return "LTTNG_SC_STRING($i, $n)" if $k eq 'string';
	my $elem = $f->{elem} // "sizeof($f->{base})";
	return "LTTNG_SC_HEX($i, $n) LTTNG_SC_OBJECT($i, $n, $elem)"
		if $k eq 'object';
	my $len = $f->{len};
	my $how = $len eq 'ret' ? 'LTTNG_SC_LEN_RET, 0' :
		  $len =~ /^\d+$/ ? "LTTNG_SC_LEN_FIXED, $len" :
		  "LTTNG_SC_LEN_ARG, $f->{len_arg}";
	return "LTTNG_SC_HEX($i, $n) LTTNG_SC_DATA($i, $n, $how, $elem)";
}

sub emit {
	my ($abi, $nr, $name, @fields) = @_;
	my %names = (ret => 1);
	for my $f (@fields) {
		for my $n ($f->{name}, "$f->{name}_data") {
			fail("$abi $name: two fields named $n") if $names{$n}++;
		}
	}
	my @in = map { c_field($_) } grep { $_->{dir} =~ /^(in|inout)$/ } @fields;
	my @out = map { c_field($_) } grep { $_->{dir} =~ /^(out|inout)$/ } @fields;
	print "LTTNG_SC($abi, $nr, $name,\n";
	print "\t(", join("\n\t ", @in), "),\n";
	print "\t(", join("\n\t ", @out), "))\n";
}

parse_overrides($opt{o});
for my $f (source_files()) {
	scan_file($f);
	push @deps, "$srctree/$f";
}

print "/* SPDX-License-Identifier: GPL-2.0-only */\n";
print "/* Generated by scripts/lttng/gen-syscalls.pl: do not edit. */\n\n";
print "#ifdef LTTNG_SC_INCLUDES\n";
print "#include <$_>\n" for @includes;
print "#else\n";

my %count;
# The compat table only where ia32 tasks run, or for any with no -k.  It
# is still classified where it is not emitted, so that the overrides are
# checked against it on every configuration.
my $ia32 = !%config || cfg_val('CONFIG_IA32_EMULATION');
for my $abi ('native', 'compat') {
	my $tbl = $abi eq 'native' ? $opt{t} : $opt{c};
	next unless $tbl;
	my $out = $abi eq 'native' || $ia32;
	print "#ifdef LTTNG_SC_COMPAT\n" if $abi eq 'compat' && $out;
	my (%seen, %seen_name);
	for my $e (read_tbl($tbl, $abi eq 'compat')) {
		my ($nr, $name, $fn) = @$e;
		next if $fn =~ /(^|_)sys_ni_syscall$/;
		fail("$tbl: bad entry point $fn") unless $name =~ /^[A-Za-z_]\w*$/;
		fail("$tbl: number $nr twice") if $seen{$nr}++;
		fail("$tbl: two syscalls named $name") if $seen_name{$name}++;
		my $pl = $payloads{$name};
		if ($pl && ($abi eq 'native' || !$pl->{native})) {
			$used_payload{$name} = 1;
			next unless $out;
			print "LTTNG_SC_PAYLOAD($abi, $nr, $name)\n";
			$count{$abi}++;
			next;
		}
		my $def = find_def($fn);
		if (!$def) {
			next unless $out;
			print STDERR "gen-syscalls.pl: $abi $nr $fn: no definition "
				. "found, recorded as unknown\n";
			$count{"$abi-unknown"}++;
			next;
		}
		my @ops = classify($abi, $name, $def->{args});
		next unless $out;
		emit($abi, $nr, $name, @ops);
		$count{$abi}++;
	}
	print "#endif /* LTTNG_SC_COMPAT */\n" if $abi eq 'compat' && $out;
}
print "#endif /* LTTNG_SC_INCLUDES */\n";

for my $p (sort keys %payloads) {
	fail("$payloads{$p}{where}: $p: no such syscall") unless $used_payload{$p};
}
for my $r (sort keys %rules) {
	fail("$rules{$r}{where}: $r: no such syscall argument") unless $used_rule{$r};
}

if ($opt{x}) {
	print STDERR "gen-syscalls.pl: syscalls: ",
		join(', ', map { "$_ $count{$_}" } sort keys %count),
		"; arguments: ", join(', ', map { "$_ $stats{$_}" } sort keys %stats),
		"\n";
}

if ($opt{d}) {
	fail("-d needs -T TARGET") unless $opt{T};
	open my $fh, '>', $opt{d} or fail("$opt{d}: $!");
	print $fh "$opt{T}: \\\n", join(" \\\n", map { "  $_" } @deps), "\n";
	close $fh;
}
