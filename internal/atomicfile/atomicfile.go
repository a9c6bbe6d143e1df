// Package atomicfile writes files so that readers see the old content or the
// new content, never a half-written file: write a temp file in the same
// directory, sync it, then rename it over the target.
//
// What the target is decides how it is written (Write):
//   - a regular file: temp + rename, keeping its mode and owner;
//   - a regular file with several hard links: rewritten in place, so every
//     link sees the new content (a rename would split them);
//   - a symlink: its final target is written as above and the link stays;
//   - a character device or pipe (/dev/null, /dev/stdout, a FIFO), or a link
//     into /proc or /dev: written directly, as a shell redirection would;
//   - a directory or socket: refused.
//
// Every write into a directory also removes this package's own temp files
// there that are older than an hour (left by a kill -9 mid-write).
package atomicfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// StaleAfter is how old a temp file of ours must be before a later write
// into its directory removes it: long past any write still running.
const StaleAfter = time.Hour

// tempInfix marks our temp files: ".NAME" + tempInfix + random digits.
const tempInfix = ".ldfallback-tmp-"

var ourTemp = regexp.MustCompile(`^\..+\.ldfallback-tmp-[0-9a-f]+$`)

// Write replaces path with data. An existing file keeps its mode (and owner,
// when the process may set it); a new file gets perm. See the package doc
// for symlinks, hard links and special files.
func Write(path string, data []byte, perm fs.FileMode) error {
	target, direct, err := resolve(path)
	if err != nil {
		return err
	}
	if direct {
		return writeDirect(path, data)
	}
	root, err := os.OpenRoot(filepath.Dir(target))
	if err != nil {
		return err
	}
	defer root.Close()
	return WriteIn(root, filepath.Base(target), data, perm)
}

// WriteIn is Write of name inside root: every step (the temp file, the
// rename) is resolved by root, so a directory swapped for a symlink that
// leads out of root between a check and the write is refused rather than
// followed. Symlinks are not followed at name itself; it must be a regular
// file or not exist.
func WriteIn(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	fi, err := root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return create(root, name, perm, nil, writeAll(data))
	case err != nil:
		return err
	case !fi.Mode().IsRegular():
		return &fs.PathError{Op: "write", Path: name, Err: errors.New("not a regular file")}
	}
	if _, _, links, ok := fileOwner(fi); ok && links > 1 {
		return writeInPlace(root, name, data)
	}
	return create(root, name, fi.Mode().Perm(), fi, writeAll(data))
}

// Create replaces path with what fill writes, always with mode perm (for
// files whose mode is part of their safety, such as a private cache). fill
// writes through a buffer; on any error the old file stays as it was.
func Create(path string, perm fs.FileMode, fill func(io.Writer) error) error {
	root, err := os.OpenRoot(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer root.Close()
	return create(root, filepath.Base(path), perm, nil, fill)
}

func writeAll(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// create writes a temp file beside name and renames it over name. old, when
// set, is the file replaced: its owner is kept.
func create(root *os.Root, name string, perm fs.FileMode, old fs.FileInfo, fill func(io.Writer) error) (err error) {
	dir, base := filepath.Split(name)
	removeStale(root, dir, base)
	var tmpName string
	var tmp *os.File
	for range 10 {
		var b [8]byte
		rand.Read(b[:])
		tmpName = filepath.Join(dir, "."+base+tempInfix+hex.EncodeToString(b[:]))
		tmp, err = root.OpenFile(tmpName, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			root.Remove(tmpName)
		}
	}()
	// Before any byte is written, so a private file is never readable by others.
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = keepOwner(tmp, old); err != nil {
		return err
	}
	if old != nil {
		keepXattrs(root, name, tmp)
	}
	w := bufio.NewWriterSize(tmp, 256<<10)
	if err = fill(w); err != nil {
		return err
	}
	if err = w.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return root.Rename(tmpName, name)
}

// keepOwner gives the new file the old one's owner. Only root may give a
// file away; another user's file in a directory we can write is replaced by
// one of ours, as any editor would.
func keepOwner(f *os.File, old fs.FileInfo) error {
	if old == nil {
		return nil
	}
	uid, gid, _, ok := fileOwner(old)
	if !ok || (uid == os.Geteuid() && gid == os.Getegid()) {
		return nil
	}
	err := f.Chown(uid, gid)
	if err != nil && os.Geteuid() != 0 {
		// Not root: keep at least the group when we are a member of it.
		f.Chown(-1, gid)
		return nil
	}
	return err
}

// writeInPlace rewrites a file with several hard links through the file
// itself, so every link keeps seeing it. It is not atomic: a crash midway
// leaves a partial file, the price of not splitting the links.
func writeInPlace(root *os.Root, name string, data []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeDirect writes to a device, a pipe or a file reached through /proc
// (/dev/stdout redirected to a file): appending, so nothing a shell set up
// is truncated.
func writeDirect(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// resolve follows path's symlinks to the file to replace. direct is true
// when the path leads to a character device or a pipe, or through /proc or
// /dev (whose links name open files, not paths to replace).
func resolve(path string) (target string, direct bool, err error) {
	target = path
	for hops := 0; ; hops++ {
		if special(target) {
			return path, true, nil
		}
		fi, err := os.Lstat(target)
		if errors.Is(err, fs.ErrNotExist) {
			return target, false, nil
		}
		if err != nil {
			return "", false, err
		}
		m := fi.Mode()
		switch {
		case m&fs.ModeSymlink != 0:
			if hops >= 40 {
				return "", false, &fs.PathError{Op: "write", Path: path, Err: errors.New("too many levels of symbolic links")}
			}
			link, err := os.Readlink(target)
			if err != nil {
				return "", false, err
			}
			if !filepath.IsAbs(link) {
				link = filepath.Join(filepath.Dir(target), link)
			}
			target = link
		case m&(fs.ModeCharDevice|fs.ModeNamedPipe) != 0:
			return path, true, nil
		case m.IsRegular():
			return target, false, nil
		default:
			return "", false, &fs.PathError{Op: "write", Path: path, Err: errors.New("not a regular file")}
		}
	}
}

// special reports whether p is under /proc or /dev, where a symlink names
// an open file or a device, never a file ldfallback should replace.
func special(p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	return strings.HasPrefix(abs, "/proc/") || strings.HasPrefix(abs, "/dev/")
}

// removeStale removes temp files of ours in dir older than StaleAfter:
// only regular files, only with our name pattern (and the pattern of
// earlier versions, ".BASE.tmp-DIGITS", for the file being written).
func removeStale(root *os.Root, dir, base string) {
	d := dir
	if d == "" {
		d = "."
	}
	f, err := root.Open(d)
	if err != nil {
		return
	}
	defer f.Close()
	oldPrefix := "." + base + ".tmp-"
	cutoff := time.Now().Add(-StaleAfter)
	for {
		entries, err := f.ReadDir(1024)
		for _, e := range entries {
			n := e.Name()
			ours := ourTemp.MatchString(n) ||
				(strings.HasPrefix(n, oldPrefix) && len(n) > len(oldPrefix) && strings.Trim(n[len(oldPrefix):], "0123456789") == "")
			if !ours || !e.Type().IsRegular() {
				continue
			}
			fi, err := e.Info()
			if err != nil || !fi.ModTime().Before(cutoff) {
				continue
			}
			if uid, _, _, ok := fileOwner(fi); ok && uid == os.Geteuid() {
				root.Remove(filepath.Join(dir, n))
			}
		}
		if err != nil {
			return
		}
	}
}
