select
    file_id,
    file_name,
    source_path,
    reason,
    message,
    quarantined_at
from {{ ref('stg_quarantine') }}
