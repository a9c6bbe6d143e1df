package api

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

const themeFlag = "ui-theme"

// Handler reads flags with the Go server SDK.
type Handler struct{ client *ld.LDClient }

// Broken reports whether the broken rollout is on. Stale: the flag is malformed, the safe value is false.
func (h *Handler) Broken(ctx ldcontext.Context) bool {
	v, _ := h.client.BoolVariation("broken-rollout", ctx, true)
	return v
}

// Export is fresh: legacy-export's prerequisite is missing, so it serves its off variation false.
func (h *Handler) Export(ctx ldcontext.Context) bool {
	v, _ := h.client.BoolVariation("legacy-export", ctx, false)
	return v
}

// ThemeName is a type mismatch: ui-theme is a JSON flag.
func (h *Handler) ThemeName(ctx ldcontext.Context) string {
	v, _ := h.client.StringVariation(themeFlag, ctx, "light")
	return v
}
