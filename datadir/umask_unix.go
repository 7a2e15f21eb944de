//go:build unix

package datadir

import "syscall"

const unixModes = true

func umask() { syscall.Umask(0o077) }
