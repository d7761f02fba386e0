-- The quarantine as users query it: staging already holds the typed columns.
select * from {{ ref('stg_quarantine') }}
