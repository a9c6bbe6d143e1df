#ifndef FLAGS_H
#define FLAGS_H
#define PRICING_FLAG "pricing-v2"
#endif
