"""What Chinese text and China's administrative divisions look like, for every stage.

Takes strings and gives facts about them, with no knowledge of reports: width folding that keeps
offsets (`widths`), sentence, clause and list marks (`punctuation`), numerals (`numerals`),
sentence spans (`sentences`), words with the domain dictionary (`tokens`), places down to
township level with their codes and parents (`gazetteer`), and one key per reporting body
(`governments`).
"""
