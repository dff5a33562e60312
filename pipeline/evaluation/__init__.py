"""Evaluation against labelled data built from the seeds (`mine evaluate`)."""
