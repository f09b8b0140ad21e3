# SPDX-License-Identifier: GPL-2.0-only
#
# LTTng built-in: the project's front door.  Everything generated goes to
# build/.  The work is done by scripts/ (see each script's header).
#
#   make kernel          build/obj-normal/arch/x86/boot/bzImage
#   make kernel-debug    build/obj-debug/...: + KASAN, UBSAN, lockdep, kmemleak
#   make tools           build/tools/lttng/lttng
#   make boot SCRIPT=guest.sh [OUT=dir] [APPEND="..."] [EXTRA="paths"]
#            [VARIANT=debug] [TIMEOUT=s] [SMP=n] [MEM=1G] [ICOUNT=1]
#            [STOCK=1]: with Debian's lttng-tools in the guest
#   make check           all tests on the normal kernel
#   make check-debug     all tests on the debug kernel
#   make check-peer      lttng-tools 2.13.9's own kernel tests, in the guest
#                        [PEER_TESTS="words"] (not in CI: about N minutes)
#   make run             boot with lttng.autostart=, drain, summarize
#   make bench           LTTng vs the kernel's ring buffer and ftrace, in
#                        guest instructions per event (-icount shift=0)
#   make patch           build/patches/: a git-am-able series
#
# Relative paths in SCRIPT, OUT and EXTRA are relative to this directory.
# The repo's EXTRA files are at /usr/lib/lttng-test/BASENAME in the guest.

SHELL := /bin/bash
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
QEMU := tools/testing/selftests/lttng/qemu

VARIANT ?= normal
SCRIPT ?= $(ROOT)/$(QEMU)/tests/boot-smoke.guest.sh
OUT ?= $(ROOT)/build/boot-out

# The boot variables reach scripts/boot.sh through the environment.
export SCRIPT OUT APPEND EXTRA VARIANT TIMEOUT SMP MEM ICOUNT KSRC STOCK

.PHONY: all help kernel kernel-debug kernel-normal tools boot check check-debug check-peer \
	run bench patch clean distclean

all: kernel tools

help:
	@sed -n '3,22s/^# \{0,1\}//p' $(ROOT)/Makefile

kernel kernel-normal:
	$(ROOT)/scripts/build-kernel.sh normal

kernel-debug:
	$(ROOT)/scripts/build-kernel.sh debug

tools:
	$(ROOT)/scripts/build-tools.sh

# The kernel build is incremental: with nothing changed it only checks.
boot: kernel-$(VARIANT) tools
	$(ROOT)/scripts/boot.sh

check:
	$(ROOT)/tools/testing/selftests/lttng/run-checks.sh normal

check-debug:
	$(ROOT)/tools/testing/selftests/lttng/run-checks.sh debug

check-peer:
	$(ROOT)/scripts/check-peer.sh

run:
	$(ROOT)/scripts/run.sh

bench:
	$(ROOT)/scripts/bench.sh

patch:
	$(ROOT)/scripts/make-patch.sh

# clean: the build products, keeping the kernel trees and ccache warm.
clean:
	rm -rf $(ROOT)/build/obj-* $(ROOT)/build/tools $(ROOT)/build/check-* \
		$(ROOT)/build/boot-logs $(ROOT)/build/boot-out $(ROOT)/build/patches

# distclean: also the kernel trees and ccache (a cold build follows).
distclean: clean
	rm -rf $(ROOT)/build/linux $(ROOT)/build/linux-pristine $(ROOT)/build/ccache \
		$(ROOT)/build/host $(ROOT)/build/kernel-source $(ROOT)/build/run
