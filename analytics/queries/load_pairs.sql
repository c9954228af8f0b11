-- Period, EJ and staff of every staffed row, for Ginis computed in Go (one per period).
SELECT period, ej, actual FROM f WHERE ej IS NOT NULL;
