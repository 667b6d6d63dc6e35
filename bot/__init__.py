"""The question-answering pipeline: retrieve from the index, compose a grounded, cited answer.

Public surface: `answer(question, history) -> Answer` over a process-wide `Pipeline`, and the
data classes in `model`.
"""
