module github.com/launchdarkly/go-sdk-common/v3

go 1.22
