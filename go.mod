module crosscase

go 1.26.8
