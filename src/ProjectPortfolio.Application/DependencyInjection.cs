using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProjectPortfolio.Application.Common.Behaviours;
using ProjectPortfolio.Application.Common.Validation;

namespace ProjectPortfolio.Application;

public static class DependencyInjection
{
    /// <summary>Registers MediatR 5.1 by hand (its DI package is not in our feed) and the validators by
    /// assembly scan. Pipeline order: logging and errors, then authorisation, then validation.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();

        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>) || definition == typeof(INotificationHandler<>) || definition == typeof(IValidator<>))
                    services.AddScoped(contract, type);
            }
        }

        services.AddScoped<ExchangeRates.EuroConverter>();

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));

        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : FieldNames.Get(member.Name);
        return services;
    }
}
