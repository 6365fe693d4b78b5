package dev.apical.datasets;

/// A dataset a run needs is not installed (or is damaged); the message names the command that installs it.
public final class MissingDatasetException extends IllegalArgumentException {
    private final String dataset;

    public MissingDatasetException(String dataset, String message) {
        super(message);
        this.dataset = dataset;
    }

    /// The dataset's canonical name.
    public String dataset() {
        return dataset;
    }
}
