package flags

import (
	"testing"

	"github.com/golang/mock/gomock"
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	ld "github.com/launchdarkly/go-server-sdk/v7"
)

func TestGate(t *testing.T) {
	ctrl := gomock.NewController(t)
	m := NewMockLDClient(ctrl)
	ctx := ldcontext.New("user-1")
	m.EXPECT().BoolVariation("new-checkout", gomock.Any(), false).Return(true, nil)
	m.EXPECT().
		StringVariation("banner-text", ctx, "off").
		Return("on", nil)
	var client *ld.LDClient
	_, _ = client.BoolVariation("new-checkout", ctx, true) // want key="new-checkout" fallback=true
}
