// Package ldclient is a test stand-in for the LaunchDarkly Go server SDK v7:
// the evaluation methods with the real signatures, and no behaviour.
package ldclient

import (
	gocontext "context"

	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldmigration"
	"github.com/launchdarkly/go-sdk-common/v3/ldreason"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
)

// LDClient is the SDK client.
type LDClient struct{}

// MakeClient makes a client.
func MakeClient(sdkKey string, waitFor int) (*LDClient, error) { return &LDClient{}, nil }

// LDScopedClient evaluates for a fixed context.
type LDScopedClient struct{ client *LDClient }

// NewScopedClient makes a scoped client.
func NewScopedClient(client *LDClient, context ldcontext.Context) *LDScopedClient {
	return &LDScopedClient{client: client}
}

// MigrationVariation evaluates a migration flag.
func (client *LDClient) MigrationVariation(key string, context ldcontext.Context, defaultStage ldmigration.Stage) (ldmigration.Stage, error) {
	return defaultStage, nil
}

func (client *LDClient) BoolVariation(key string, context ldcontext.Context, defaultVal bool) (bool, error) {
	return defaultVal, nil
}

func (client *LDClient) BoolVariationDetail(key string, context ldcontext.Context, defaultVal bool) (bool, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) BoolVariationCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal bool) (bool, error) {
	return defaultVal, nil
}

func (client *LDClient) BoolVariationDetailCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal bool) (bool, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (c *LDScopedClient) BoolVariation(key string, defaultVal bool) (bool, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) BoolVariationCtx(ctx gocontext.Context, key string, defaultVal bool) (bool, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) BoolVariationDetail(key string, defaultVal bool) (bool, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) IntVariation(key string, context ldcontext.Context, defaultVal int) (int, error) {
	return defaultVal, nil
}

func (client *LDClient) IntVariationDetail(key string, context ldcontext.Context, defaultVal int) (int, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) IntVariationCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal int) (int, error) {
	return defaultVal, nil
}

func (client *LDClient) IntVariationDetailCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal int) (int, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (c *LDScopedClient) IntVariation(key string, defaultVal int) (int, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) IntVariationCtx(ctx gocontext.Context, key string, defaultVal int) (int, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) IntVariationDetail(key string, defaultVal int) (int, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) Float64Variation(key string, context ldcontext.Context, defaultVal float64) (float64, error) {
	return defaultVal, nil
}

func (client *LDClient) Float64VariationDetail(key string, context ldcontext.Context, defaultVal float64) (float64, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) Float64VariationCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal float64) (float64, error) {
	return defaultVal, nil
}

func (client *LDClient) Float64VariationDetailCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal float64) (float64, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (c *LDScopedClient) Float64Variation(key string, defaultVal float64) (float64, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) Float64VariationCtx(ctx gocontext.Context, key string, defaultVal float64) (float64, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) Float64VariationDetail(key string, defaultVal float64) (float64, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) StringVariation(key string, context ldcontext.Context, defaultVal string) (string, error) {
	return defaultVal, nil
}

func (client *LDClient) StringVariationDetail(key string, context ldcontext.Context, defaultVal string) (string, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) StringVariationCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal string) (string, error) {
	return defaultVal, nil
}

func (client *LDClient) StringVariationDetailCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal string) (string, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (c *LDScopedClient) StringVariation(key string, defaultVal string) (string, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) StringVariationCtx(ctx gocontext.Context, key string, defaultVal string) (string, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) StringVariationDetail(key string, defaultVal string) (string, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) JSONVariation(key string, context ldcontext.Context, defaultVal ldvalue.Value) (ldvalue.Value, error) {
	return defaultVal, nil
}

func (client *LDClient) JSONVariationDetail(key string, context ldcontext.Context, defaultVal ldvalue.Value) (ldvalue.Value, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (client *LDClient) JSONVariationCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal ldvalue.Value) (ldvalue.Value, error) {
	return defaultVal, nil
}

func (client *LDClient) JSONVariationDetailCtx(ctx gocontext.Context, key string, context ldcontext.Context, defaultVal ldvalue.Value) (ldvalue.Value, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}

func (c *LDScopedClient) JSONVariation(key string, defaultVal ldvalue.Value) (ldvalue.Value, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) JSONVariationCtx(ctx gocontext.Context, key string, defaultVal ldvalue.Value) (ldvalue.Value, error) {
	return defaultVal, nil
}

func (c *LDScopedClient) JSONVariationDetail(key string, defaultVal ldvalue.Value) (ldvalue.Value, ldreason.EvaluationDetail, error) {
	return defaultVal, ldreason.EvaluationDetail{}, nil
}
