// Package openfeature is a test stand-in for the OpenFeature Go SDK.
package openfeature

import "context"

// EvaluationContext is an evaluation context.
type EvaluationContext struct{ targetingKey string }

// NewEvaluationContext makes one.
func NewEvaluationContext(targetingKey string, attrs map[string]any) EvaluationContext {
	return EvaluationContext{targetingKey: targetingKey}
}

// Option changes an evaluation.
type Option func(*EvaluationOptions)

// EvaluationOptions are evaluation options.
type EvaluationOptions struct{}

// Client evaluates flags.
type Client struct{}

// NewClient makes a client.
func NewClient(domain string) *Client { return &Client{} }

// IClient is the client interface.
type IClient interface {
	BooleanValue(ctx context.Context, flag string, defaultValue bool, evalCtx EvaluationContext, options ...Option) (bool, error)
	StringValue(ctx context.Context, flag string, defaultValue string, evalCtx EvaluationContext, options ...Option) (string, error)
}

// BooleanEvaluationDetails is a detailed result.
type BooleanEvaluationDetails struct{ Value bool }

func (c *Client) BooleanValue(ctx context.Context, flag string, defaultValue bool, evalCtx EvaluationContext, options ...Option) (bool, error) {
	return defaultValue, nil
}

func (c *Client) BooleanValueDetails(ctx context.Context, flag string, defaultValue bool, evalCtx EvaluationContext, options ...Option) (BooleanEvaluationDetails, error) {
	return BooleanEvaluationDetails{Value: defaultValue}, nil
}

func (c *Client) Boolean(ctx context.Context, flag string, defaultValue bool, evalCtx EvaluationContext, options ...Option) bool {
	return defaultValue
}

// StringEvaluationDetails is a detailed result.
type StringEvaluationDetails struct{ Value string }

func (c *Client) StringValue(ctx context.Context, flag string, defaultValue string, evalCtx EvaluationContext, options ...Option) (string, error) {
	return defaultValue, nil
}

func (c *Client) StringValueDetails(ctx context.Context, flag string, defaultValue string, evalCtx EvaluationContext, options ...Option) (StringEvaluationDetails, error) {
	return StringEvaluationDetails{Value: defaultValue}, nil
}

func (c *Client) String(ctx context.Context, flag string, defaultValue string, evalCtx EvaluationContext, options ...Option) string {
	return defaultValue
}

// FloatEvaluationDetails is a detailed result.
type FloatEvaluationDetails struct{ Value float64 }

func (c *Client) FloatValue(ctx context.Context, flag string, defaultValue float64, evalCtx EvaluationContext, options ...Option) (float64, error) {
	return defaultValue, nil
}

func (c *Client) FloatValueDetails(ctx context.Context, flag string, defaultValue float64, evalCtx EvaluationContext, options ...Option) (FloatEvaluationDetails, error) {
	return FloatEvaluationDetails{Value: defaultValue}, nil
}

func (c *Client) Float(ctx context.Context, flag string, defaultValue float64, evalCtx EvaluationContext, options ...Option) float64 {
	return defaultValue
}

// IntEvaluationDetails is a detailed result.
type IntEvaluationDetails struct{ Value int64 }

func (c *Client) IntValue(ctx context.Context, flag string, defaultValue int64, evalCtx EvaluationContext, options ...Option) (int64, error) {
	return defaultValue, nil
}

func (c *Client) IntValueDetails(ctx context.Context, flag string, defaultValue int64, evalCtx EvaluationContext, options ...Option) (IntEvaluationDetails, error) {
	return IntEvaluationDetails{Value: defaultValue}, nil
}

func (c *Client) Int(ctx context.Context, flag string, defaultValue int64, evalCtx EvaluationContext, options ...Option) int64 {
	return defaultValue
}

// ObjectEvaluationDetails is a detailed result.
type ObjectEvaluationDetails struct{ Value any }

func (c *Client) ObjectValue(ctx context.Context, flag string, defaultValue any, evalCtx EvaluationContext, options ...Option) (any, error) {
	return defaultValue, nil
}

func (c *Client) ObjectValueDetails(ctx context.Context, flag string, defaultValue any, evalCtx EvaluationContext, options ...Option) (ObjectEvaluationDetails, error) {
	return ObjectEvaluationDetails{Value: defaultValue}, nil
}

func (c *Client) Object(ctx context.Context, flag string, defaultValue any, evalCtx EvaluationContext, options ...Option) any {
	return defaultValue
}
