import otherflags

c = otherflags.Client()
c.variation("not-launchdarkly", {}, True)
