select
    file_id,
    file_name,
    source_path,
    reason,
    message,
    cast(quarantined_at as timestamp) as quarantined_at
from {{ source('raw', 'quarantine') }}
