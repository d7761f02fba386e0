-- Incremental by report (macros/incremental_reports.sql): a mention, its code and its sentence are one report's.

select
    m.mention_id,
    m.report_id,
    r.government_id,
    m.section_id,
    m.section_path,
    m.mention_index,
    m.metric,
    m.value,
    m.unit,
    m.kind,
    m.qualifier,
    m.text,
    c.indicator_code,
    c.matched_phrase,
    s.text as sentence,
    m.start_offset,
    m.end_offset
from {{ ref('stg_indicator_mentions') }} as m
left join {{ ref('int_mention_indicator_codes') }} as c on c.mention_id = m.mention_id
left join {{ ref('stg_sentences') }} as s
    on s.sentence_id = m.sentence_id and {{ changed_reports_only('s.report_id') }}
left join {{ ref('stg_reports') }} as r on r.report_id = m.report_id
where {{ changed_reports_only('m.report_id') }}
