-- A previous value comes from an earlier year of the same government, and change is the
-- difference of the two values (up to the rounding of change).
select *
from {{ ref('indicator_trends') }}
where
    previous_year >= report_year
    or (previous_year is null) <> (previous_value is null)
    or abs(change - (value - previous_value)) > 1e-6
