#define PRICING_FLAG "pricing-v2"
