{{ config(unique_key='mention_id') }}
-- Incremental by report: a mention's code depends on the mention, its sentence and the seeds.
-- Each indicator mention mapped to the catalog indicator it states, or to none.
--
-- A phrase of seeds/indicator_phrases.csv is a candidate for a mention when
--   * the catalog kind equals the mention's kind (a 出庭应诉率 is never a count),
--   * the mention's unit is one the catalog accepts (件 for cases, not 次 or 个),
--   * the phrase occurs in the metric ('%' in a phrase stands for any characters;
--     quotes and book-title marks in the metric are ignored), and
--   * where the phrase has a context_pattern, that regex matches the mention's sentence
--     (a bare 成功率 is 人民调解成功率 only in a sentence about 调解).
-- Among candidates the winner is, in order:
--   1. the phrase that ends latest in the metric (Chinese noun phrases put the head last:
--      "重大行政决策、行政规范性文件…合法性审查" is a count of legality reviews);
--   2. the longest phrase; 3. a phrase that needed context; 4. the indicator code;
--   5. the literal phrase over one with '%' (执法投诉 over 执法%投诉), then the phrase.
--
-- Cost grows with the distinct metrics, not mentions × phrases: each substring of a metric
-- as long as some phrase's last literal piece is hash-joined to those pieces, and only the
-- few pairs sharing that piece are checked further (the pieces before a '%' must occur
-- before it, the context regex must match the sentence). The greedy regex
-- '^.*' || phrase ends where the last piece last occurs after the others, so match_end is
-- the end of the latest such occurrence (the end of the metric when the phrase ends in '%').
with mentions as (
    select
        m.mention_id,
        m.kind,
        m.unit,
        regexp_replace(m.metric, '[“”"‘’''《》〈〉「」\s]', '', 'g') as metric_norm,
        coalesce(st.text, '') as sentence
    from {{ ref('stg_indicator_mentions') }} as m
    left join {{ ref('stg_sentences') }} as st
        on st.sentence_id = m.sentence_id and {{ changed_reports_only('st.report_id') }}
    where {{ changed_reports_only('m.report_id') }}
),

phrase_pieces as (
    select
        p.indicator_code,
        p.phrase,
        nullif(trim(p.context_pattern), '') as context_pattern,
        rtrim(p.phrase, '%') as closed_phrase,
        string_split(rtrim(p.phrase, '%'), '%')[-1] as last_piece
    from {{ ref('indicator_phrases') }} as p
),

phrases as (
    -- 出台%规范性文件: last_piece 规范性文件, head_regex '出台.*' must match before it
    select
        pp.indicator_code,
        pp.phrase,
        pp.context_pattern,
        length(replace(pp.phrase, '%', '')) as phrase_length,
        pp.last_piece,
        nullif(replace(substr(pp.closed_phrase, 1, length(pp.closed_phrase) - length(pp.last_piece)), '%', '.*'), '') as head_regex,
        ends_with(pp.phrase, '%') as open_end,
        c.kind,
        u.unit
    from phrase_pieces as pp
    inner join {{ ref('indicator_catalog') }} as c using (indicator_code)
    cross join unnest(string_split(c.accepted_units, '|')) as u (unit)
),

metrics as (
    select distinct metric_norm, kind, unit from mentions
),

substrings as (
    -- every substring of a metric with the length of some last piece
    select
        m.metric_norm,
        m.kind,
        m.unit,
        pos.i as piece_start,
        l.piece_length,
        substr(m.metric_norm, pos.i, l.piece_length) as piece
    from metrics as m
    cross join (select distinct length(last_piece) as piece_length from phrases) as l
    cross join lateral (select unnest(range(1, length(m.metric_norm) - l.piece_length + 2)) as i) as pos
),

metric_matches as (
    select
        s.metric_norm,
        s.kind,
        s.unit,
        p.indicator_code,
        p.phrase,
        p.phrase_length,
        p.context_pattern,
        max(case when p.open_end then length(s.metric_norm) else s.piece_start - 1 + s.piece_length end) as match_end
    from substrings as s
    inner join phrases as p
        on
            p.last_piece = s.piece
            and p.kind = s.kind
            and p.unit = s.unit
    where p.head_regex is null or regexp_matches(substr(s.metric_norm, 1, s.piece_start - 1), p.head_regex)
    group by all
),

candidates as (
    select
        m.mention_id,
        mm.indicator_code,
        mm.phrase,
        mm.phrase_length,
        mm.context_pattern is not null as needs_context,
        mm.match_end,
        length(m.metric_norm) as metric_length
    from mentions as m
    inner join metric_matches as mm
        on mm.metric_norm = m.metric_norm and mm.kind = m.kind and mm.unit = m.unit
    where mm.context_pattern is null or regexp_matches(m.sentence, mm.context_pattern)
),

ranked as (
    select
        *,
        row_number() over (
            partition by mention_id
            order by
                match_end desc, phrase_length desc, needs_context desc, indicator_code asc,
                contains(phrase, '%'), phrase asc
        ) as rn,
        count(distinct indicator_code) over (partition by mention_id) as candidate_code_count
    from candidates
)

select
    m.mention_id,
    r.indicator_code,
    r.phrase as matched_phrase,
    -- share of the metric the phrase covers: 1.0 when the metric is the phrase itself
    round(r.phrase_length / nullif(r.metric_length, 0), 4) as match_coverage,
    coalesce(r.candidate_code_count, 0) as candidate_code_count
from mentions as m
left join ranked as r on r.mention_id = m.mention_id and r.rn = 1
