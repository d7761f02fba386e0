"""The warehouse as files: where it is, how the raw layer is written, what a build was made from.

Takes raw rows and refusals; gives transactional writes of the raw layer (`store`), the records a
run reads to decide what is left to do (`build_state`), and the locations every reader and
writer agree on (`locations`).
"""
