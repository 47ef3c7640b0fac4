package store

import (
	"errors"
	"syscall"
)

// isNoSpace reports whether err is the operating system's "no space left
// on device".
func isNoSpace(err error) bool { return errors.Is(err, syscall.ENOSPC) }
