using Chorus.Sentiment.Vader;

namespace Chorus.Sentiment.Tests.Vader;

public sealed class VaderButRuleTests
{
    [Fact]
    public void Rescales_the_first_equal_value_not_the_visited_one()
    {
        // Index 0 is halved first, so when index 3 (1.5) looks for the first 1.5 it finds itself, and after that
        // index 4 finds itself too.
        double[] sentiments = [1.5, 0, 2.0, 1.5, 1.5];
        VaderButRule.ApplyDirect(sentiments, butIndex: 1);

        Assert.Equal([0.75, 0, 3.0, 2.25, 2.25], sentiments);
    }

    [Fact]
    public void A_value_equal_to_an_earlier_rescaled_one_rescales_that_one_again()
    {
        // After index 0 becomes 1.0 (2.0 * 0.5), the 1.0 at index 3 matches index 0 first: index 0 is halved
        // again and index 3 is left as it was.
        double[] sentiments = [2.0, 0, 0, 1.0];
        VaderButRule.ApplyDirect(sentiments, butIndex: 2);

        Assert.Equal([0.5, 0, 0, 1.0], sentiments);
    }

    [Fact]
    public void The_indexed_algorithm_matches_the_direct_one()
    {
        Random random = new(44);
        double[] values = [1.5, 2.0, 1.0, 0.75, 3.0, -1.5, -2.0, -1.0, 0.5, 0];
        for (int trial = 0; trial < 5_000; trial++)
        {
            double[] direct = new double[random.Next(1, 300)];
            for (int i = 0; i < direct.Length; i++)
            {
                direct[i] = values[random.Next(values.Length)];
            }

            double[] indexed = (double[])direct.Clone();
            int butIndex = random.Next(direct.Length);

            VaderButRule.ApplyDirect(direct, butIndex);
            VaderButRule.ApplyIndexed(indexed, butIndex);

            Assert.Equal(direct, indexed);
        }
    }
}
