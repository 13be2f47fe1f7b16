"""The beneficiary's voice: satisfaction surveys and complaints."""
