# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# peer.guest.sh - the guest side of `make check-peer` (busybox sh, /test.sh).
# scripts/check-peer.sh prepends the variables of one run:
#
#   PEER_SCRIPT   the lttng-tools test script, relative to tests/
#                 (regression/kernel/test_syscall)
#   PEER_TIMEOUT  seconds the script may take
#   PEER_TREE     the host's lttng-tools 2.13.9 build tree
#   PEER_MODDIR   the host's modules_install dir of this kernel
#                 (.../modroot/lib/modules/RELEASE)
#
# The host shares its root directory, read-only, with mount_tag "hostroot"
# (boot.sh HOSTROOT=1).  This script lays a tmpfs over it with overlayfs,
# mounts the kernel filesystems, and runs PEER_RUN in a chroot there: the
# test script finds bash, python3, babeltrace, Debian's lttng-tools and the
# build tree at their host paths, and writes where it likes.  peer-run.sh
# (in the initramfs) runs the script there.  It ends with
# the guest: nothing it writes reaches the host but $OUT.

R=/newroot
mkdir -p /host /peer $R
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,ro hostroot /host; then
	echo "peer: cannot mount the host's root (boot.sh HOSTROOT=1)"
	exit 122
fi
mount -t tmpfs -o mode=0755 tmpfs /peer
mkdir /peer/upper /peer/work
if ! mount -t overlay overlay \
	-o lowerdir=/host,upperdir=/peer/upper,workdir=/peer/work $R; then
	echo "peer: cannot mount the overlay (CONFIG_OVERLAY_FS)"
	exit 122
fi
# The build tree and the modules dir may be under the host's /tmp or /run,
# which the tmpfs mounts below cover: hold them first.
mkdir /peer/tree /peer/mod
mount -o bind "$R$PEER_TREE" /peer/tree
mount -o bind "$R$PEER_MODDIR" /peer/mod
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
# What udev makes on a real system: bash's process substitution, <(...),
# which the tests diff with, opens /dev/fd/N.
ln -sf /proc/self/fd $R/dev/fd
ln -sf /proc/self/fd/0 $R/dev/stdin
ln -sf /proc/self/fd/1 $R/dev/stdout
ln -sf /proc/self/fd/2 $R/dev/stderr
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts devpts $R/dev/pts
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm
mount -t tmpfs -o mode=1777 tmpfs $R/tmp
mount -t tmpfs -o mode=0755 tmpfs $R/run
mount -t debugfs debugfs $R/sys/kernel/debug
mount -t tracefs tracefs $R/sys/kernel/tracing 2>/dev/null
mkdir -p $R/out "$R$PEER_TREE"
mount -o bind /out $R/out
mount -o bind /peer/tree "$R$PEER_TREE"
# libkmod reads /lib/modules/$(uname -r): the ring-buffer client names and
# lttng-test are in its modules.builtin.
mod=$R/lib/modules/$(uname -r)
mkdir -p "$mod"
mount -o bind /peer/mod "$mod"
# The scripts unload lttng-test with `modprobe --remove`, which kmod
# refuses for a built-in module ("Module lttng_test is builtin", status
# 1); test_notification_multi_app stops at its first failing step.  A
# built-in has nothing to unload: a remove command that does nothing
# answers for each of ours, in a modprobe.d of the guest's own /run.
mkdir -p $R/run/modprobe.d
sed -n 's|.*/\(lttng[^/]*\)\.ko$|remove \1 /bin/true|p' "$mod/modules.builtin" \
	>$R/run/modprobe.d/lttng-builtin.conf
cp /usr/lib/lttng-test/peer-run.sh $R/run/peer-run.sh

export PEER_SCRIPT PEER_TIMEOUT PEER_TREE OUT
chroot $R /bin/bash /run/peer-run.sh
