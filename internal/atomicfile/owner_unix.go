//go:build unix

package atomicfile

import (
	"io/fs"
	"syscall"
)

// fileOwner is a file's owner and link count, where the system keeps them.
func fileOwner(fi fs.FileInfo) (uid, gid, links int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0, false
	}
	return int(st.Uid), int(st.Gid), int(st.Nlink), true
}
