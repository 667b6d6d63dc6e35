"""The outward shells over the pipeline: the `plan-qa` CLI, the FastAPI API and the Gradio UI."""
