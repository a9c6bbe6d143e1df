module example.com/noload

go 1.22

this is not a go.mod directive
