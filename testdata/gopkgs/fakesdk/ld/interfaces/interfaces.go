// Package interfaces is a test stand-in for the SDK's interfaces package.
package interfaces

import (
	"github.com/launchdarkly/go-sdk-common/v3/ldcontext"
	"github.com/launchdarkly/go-sdk-common/v3/ldreason"
	"github.com/launchdarkly/go-sdk-common/v3/ldvalue"
)

// LDClientEvaluations is what LDClient evaluates.
type LDClientEvaluations interface {
	BoolVariation(key string, context ldcontext.Context, defaultVal bool) (bool, error)
	BoolVariationDetail(key string, context ldcontext.Context, defaultVal bool) (bool, ldreason.EvaluationDetail, error)
	IntVariation(key string, context ldcontext.Context, defaultVal int) (int, error)
	IntVariationDetail(key string, context ldcontext.Context, defaultVal int) (int, ldreason.EvaluationDetail, error)
	Float64Variation(key string, context ldcontext.Context, defaultVal float64) (float64, error)
	Float64VariationDetail(key string, context ldcontext.Context, defaultVal float64) (float64, ldreason.EvaluationDetail, error)
	StringVariation(key string, context ldcontext.Context, defaultVal string) (string, error)
	StringVariationDetail(key string, context ldcontext.Context, defaultVal string) (string, ldreason.EvaluationDetail, error)
	JSONVariation(key string, context ldcontext.Context, defaultVal ldvalue.Value) (ldvalue.Value, error)
	JSONVariationDetail(key string, context ldcontext.Context, defaultVal ldvalue.Value) (ldvalue.Value, ldreason.EvaluationDetail, error)
}

// LDClientInterface is the whole client.
type LDClientInterface interface {
	LDClientEvaluations
	Close() error
}
