-- The distinct years or periods projects are given (as written). Parameters: none. Columns: year
SELECT DISTINCT year FROM projects WHERE year IS NOT NULL ORDER BY year;
