-- EJ and staff of every staffed row, for a Gini computed in Go.
SELECT ej, actual FROM f WHERE ej IS NOT NULL;
