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
--   2. the longest phrase; 3. a phrase that needed context; 4. the indicator code.
with mentions as (
    select
        m.mention_id,
        m.kind,
        m.unit,
        m.metric,
        regexp_replace(m.metric, '[“”"‘’''《》〈〉「」\s]', '', 'g') as metric_norm,
        coalesce(st.text, '') as sentence
    from {{ ref('stg_indicator_mentions') }} as m
    left join {{ ref('stg_sentences') }} as st on st.sentence_id = m.sentence_id
),

phrases as (
    select
        p.indicator_code,
        p.phrase,
        nullif(trim(p.context_pattern), '') as context_pattern,
        replace(p.phrase, '%', '.*') as phrase_regex,
        length(replace(p.phrase, '%', '')) as phrase_length,
        c.kind,
        string_split(c.accepted_units, '|') as accepted_units
    from {{ ref('indicator_phrases') }} as p
    inner join {{ ref('indicator_catalog') }} as c using (indicator_code)
),

candidates as (
    select
        m.mention_id,
        p.indicator_code,
        p.phrase,
        p.phrase_length,
        p.context_pattern is not null as needs_context,
        -- greedy '^.*' makes the match end at the phrase's last occurrence
        length(regexp_extract(m.metric_norm, '^.*' || p.phrase_regex)) as match_end,
        length(m.metric_norm) as metric_length
    from mentions as m
    inner join phrases as p
        on p.kind = m.kind
        and list_contains(p.accepted_units, m.unit)
        and regexp_matches(m.metric_norm, p.phrase_regex)
        and (p.context_pattern is null or regexp_matches(m.sentence, p.context_pattern))
),

ranked as (
    select
        *,
        row_number() over (
            partition by mention_id
            order by match_end desc, phrase_length desc, needs_context desc, indicator_code
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
