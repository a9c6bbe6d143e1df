package main

import "runtime/debug"

// versionString is what --version prints: the release version stamped by
// goreleaser (-X main.version), else the module version Go records in the
// build info (`go install …@v1.2.0` gives v1.2.0), else the VCS revision of
// a local build, so that no build says just "dev".
func versionString() string {
	info, _ := debug.ReadBuildInfo()
	return versionFrom(version, info)
}

func versionFrom(stamped string, info *debug.BuildInfo) string {
	if stamped != "" && stamped != "dev" {
		return stamped
	}
	if info == nil {
		return "dev (no build info)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified, at string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		case "vcs.time":
			at = s.Value
		}
	}
	if rev == "" {
		return "dev (built from source without version control information)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "devel-" + rev
	if modified == "true" {
		v += "-dirty"
	}
	if at != "" {
		v += " (" + at + ")"
	}
	return v
}
