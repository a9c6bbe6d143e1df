module github.com/launchdarkly/go-server-sdk/v7

go 1.22

require github.com/launchdarkly/go-sdk-common/v3 v3.0.0
