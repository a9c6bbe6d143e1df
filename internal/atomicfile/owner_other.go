//go:build !unix

package atomicfile

import "io/fs"

// fileOwner: no owner or link count on this system (Windows), so owners are
// not kept, files are never written in place, and stale temp files are left.
func fileOwner(fs.FileInfo) (uid, gid, links int, ok bool) { return 0, 0, 0, false }
