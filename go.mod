module carecost

go 1.26

require (
	github.com/adrg/xdg v0.5.3
	github.com/oklog/ulid/v2 v2.1.1
	go.etcd.io/bbolt v1.5.0
)

require golang.org/x/sys v0.45.0 // indirect
