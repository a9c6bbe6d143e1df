package atomicfile

import (
	"bytes"
	"os"

	"golang.org/x/sys/unix"
)

// keepXattrs copies the extended attributes of the file being replaced (SELinux
// labels, POSIX ACLs, user.* attributes) onto the temp file that replaces it,
// as the rename would otherwise drop them. Best effort: an attribute the
// filesystem or our privileges refuse is left, not an error; the content is
// what the user asked for.
func keepXattrs(root *os.Root, name string, tmp *os.File) {
	old, err := root.Open(name)
	if err != nil {
		return
	}
	defer old.Close()
	src, dst := int(old.Fd()), int(tmp.Fd())
	size, err := unix.Flistxattr(src, nil)
	if err != nil || size == 0 {
		return
	}
	list := make([]byte, size)
	if size, err = unix.Flistxattr(src, list); err != nil {
		return
	}
	for _, attr := range bytes.Split(list[:size], []byte{0}) {
		if len(attr) == 0 {
			continue
		}
		name := string(attr)
		n, err := unix.Fgetxattr(src, name, nil)
		if err != nil {
			continue
		}
		val := make([]byte, n)
		if n, err = unix.Fgetxattr(src, name, val); err != nil {
			continue
		}
		// Refused (ENOTSUP, EPERM for security.* without privilege): left.
		_ = unix.Fsetxattr(dst, name, val[:n], 0)
	}
}
