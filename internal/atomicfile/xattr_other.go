//go:build !linux

package atomicfile

import "os"

// keepXattrs is Linux-only; elsewhere a replaced file's extended attributes are not copied.
func keepXattrs(*os.Root, string, *os.File) {}
