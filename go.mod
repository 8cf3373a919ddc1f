module github.com/smtpexplain/smtpexplain

go 1.26.0

require (
	github.com/maxence-charriere/go-app/v9 v9.8.0
	golang.org/x/text v0.44.0
)

require github.com/google/uuid v1.3.0 // indirect
