module carecost

go 1.26
