using IncidentBot.Domain;

namespace IncidentBot.Tests.Commands;

public class CategoryGuessTests
{
    [Theory]
    [InlineData("revenue-related numbers look off in the finance mart")]
    [InlineData("translated labels wrong in dim_country")]
    [InlineData("stg_late_arrivals shows negative amounts")]
    [InlineData("jobless rate metric doubles the denominator")]
    public void Guess_KeywordInsideAnotherWord_DoesNotDecide(string title)
    {
        var guess = CategoryGuess.Guess(title);

        Assert.Equal(Category.DataQuality, guess.Category);
        Assert.Empty(guess.Words);
    }

    [Theory]
    [InlineData("orders mart is late again", Category.StaleData, "late")]
    [InlineData("Dupes in fct_orders after the retry", Category.DuplicateLoad, "Dupes")]
    [InlineData("rows double-loaded into fct_payments", Category.DuplicateLoad, "double-loaded")]
    [InlineData("nightly DAGs stuck since Sunday", Category.PipelineFailure, "DAGs")]
    [InlineData("two timeouts on the Snowflake sync", Category.PipelineFailure, "timeouts")]
    [InlineData("marts not refreshed since 06:00", Category.StaleData, "not refreshed")]
    public void Guess_WholeWordOrItsPlural_DecidesAndIsNamed(string title, Category category, string word)
    {
        var guess = CategoryGuess.Guess(title);

        Assert.Equal(category, guess.Category);
        Assert.Equal([word.Replace("-", " ", StringComparison.Ordinal)], guess.Words);
    }

    [Fact]
    public void Guess_ColumnWithAChange_NamesBothWords()
    {
        var guess = CategoryGuess.Guess("upstream columns renamed in the CRM export");

        Assert.Equal(Category.SchemaBreak, guess.Category);
        Assert.Equal(["columns", "renamed"], guess.Words);
    }

    [Fact]
    public void Guess_ColumnWithoutAChange_IsNoSchemaBreak() =>
        Assert.Equal(Category.DataQuality, CategoryGuess.Guess("revenue column shows negative values").Category);
}
