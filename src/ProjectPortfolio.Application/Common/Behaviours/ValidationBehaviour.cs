using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using ProjectPortfolio.Application.Common.Validation;
using ValidationException = ProjectPortfolio.Application.Common.Exceptions.ValidationException;

namespace ProjectPortfolio.Application.Common.Behaviours;

public class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!validators.Any()) return await next();

        // JSON lets a list hold null ("coFinancing": [null]); validators and handlers are written for lists of
        // values, so a null item is refused here, once for every request, before any rule dereferences it.
        var holes = EmptyItems(request, prefix: "", depth: 0).ToList();
        if (holes.Count != 0) throw new ValidationException(holes);

        var context = new ValidationContext<TRequest>(request);
        var results = await Task.WhenAll(validators.Select(v => v.ValidateAsync(context, cancellationToken)));
        var failures = results.SelectMany(r => r.Errors).Where(f => f is not null).ToList();
        if (failures.Count != 0) throw new ValidationException(failures);
        return await next();
    }

    /// <summary>Request types are few and fixed: their property lists are read by reflection once per type, not on
    /// every request. Shared by every closed ValidationBehaviour, hence outside the generic class.</summary>
    private static PropertyInfo[] ReadableProperties(Type type) =>
        RequestProperties.ByType.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.PropertyType != typeof(string))
            .ToArray());

    private static IEnumerable<ValidationFailure> EmptyItems(object? value, string prefix, int depth)
    {
        if (value is null || depth > 3) yield break;
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && value is not IEnumerable)
            yield break;
        foreach (var property in ReadableProperties(type))
        {
            var name = prefix + property.Name;
            var content = property.GetValue(value);
            if (content is IEnumerable items and not string and not IDictionary)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is null) yield return new ValidationFailure($"{name}[{index}]", Messages.Pick("Cet élément de la liste est vide.", "This item of the list is empty."));
                    else foreach (var inner in EmptyItems(item, $"{name}[{index}].", depth + 1)) yield return inner;
                    index++;
                }
            }
            else if (content is not null && !property.PropertyType.IsValueType && property.PropertyType.Namespace?.StartsWith("ProjectPortfolio", StringComparison.Ordinal) == true)
            {
                foreach (var inner in EmptyItems(content, name + ".", depth + 1)) yield return inner;
            }
        }
    }
}

internal static class RequestProperties
{
    public static readonly ConcurrentDictionary<Type, PropertyInfo[]> ByType = new();
}
