using System.Runtime.CompilerServices;

// The tests drive the command in process through its internal entry points.
[assembly: InternalsVisibleTo("Chorus.Sentiment.Tests")]
