package golang

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// findModules returns the directories to load with "./...": the root itself
// when it is in a module (its own go.mod or an enclosing one), and every
// nested module under it, since "./..." stops at a nested go.mod. It skips
// what the go command skips (vendor, testdata, _ and . directories) and
// excluded paths. No module at all is an error: the CLI then hands every Go
// file to tree-sitter.
func (a *analyzer) findModules() ([]string, error) {
	var mods []string
	if inModule(a.root) {
		mods = append(mods, a.root)
	}
	err := filepath.WalkDir(a.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == a.root {
				return err
			}
			return nil // unreadable directories are the walker's to report
		}
		if !d.IsDir() || path == a.root {
			return nil
		}
		name := d.Name()
		if name == "vendor" || name == "testdata" || name == "node_modules" ||
			strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return filepath.SkipDir
		}
		if rel, ok := a.rel(path); ok && a.excluded(rel) {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
			mods = append(mods, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("%s: %w", a.root, errNoModule)
	}
	return mods, nil
}

var errNoModule = errors.New("no go.mod in or above the root, nor below it")

// inModule reports whether dir has a go.mod or lies under one.
func inModule(dir string) bool {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
	}
}

// excluded applies the config's exclude list to a directory.
func (a *analyzer) excluded(relDir string) bool {
	return a.exclude != nil && (a.exclude.MatchesPath(relDir) || a.exclude.MatchesPath(relDir+"/"))
}
