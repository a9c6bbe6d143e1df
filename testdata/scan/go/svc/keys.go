package svc

const (
	sharedKey     = "shared"
	sharedDefault = true
)
