// The module is read with tree-sitter only: its dependencies are not downloaded.
module example.com/shop

go 1.22

require github.com/launchdarkly/go-server-sdk/v7 v7.14.6
