module example.com/typeerror

go 1.22

require (
	example.com/notcached v1.0.0
	github.com/launchdarkly/go-sdk-common/v3 v3.0.0
	github.com/launchdarkly/go-server-sdk/v7 v7.0.0
)

replace (
	github.com/launchdarkly/go-sdk-common/v3 => ../fakesdk/common
	github.com/launchdarkly/go-server-sdk/v7 => ../fakesdk/ld
)
