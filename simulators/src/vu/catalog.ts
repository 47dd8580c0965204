import { base, en, Faker } from '@faker-js/faker';

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
}

export interface Stay {
  readonly id: string;
  readonly city: string;
  readonly name: string;
  readonly nightly: number;
}

/** What the simulated shop and travel app offer: made once per run from its seed, shared by every user. */
export interface Catalog {
  readonly products: readonly Product[];
  readonly searches: readonly string[];
  readonly stays: readonly Stay[];
  readonly cities: readonly string[];
}

export function makeCatalog(seed: number, size = 300): Catalog {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const products = Array.from({ length: size }, (_, i) => ({
    id: `sku-${(10_000 + i).toString(36)}`,
    name: faker.commerce.productName(),
    category: faker.commerce.department(),
    price: Number(faker.commerce.price({ min: 4, max: 400 })),
  }));
  const searches = Array.from({ length: 120 }, () =>
    faker.helpers.arrayElement([
      () => faker.commerce.productAdjective().toLowerCase(),
      () => faker.commerce.product().toLowerCase(),
      () => `${faker.commerce.productMaterial()} ${faker.commerce.product()}`.toLowerCase(),
    ])(),
  );
  const cities = Array.from({ length: 40 }, () => faker.location.city());
  const stays = Array.from({ length: size }, (_, i) => ({
    id: `stay-${(20_000 + i).toString(36)}`,
    city: cities[i % cities.length] ?? 'Lisbon',
    name: `${faker.word.adjective()} ${faker.helpers.arrayElement(['Loft', 'Suites', 'Hotel', 'Apartments', 'Inn'])}`,
    nightly: Number(faker.commerce.price({ min: 40, max: 600 })),
  }));
  return { products, searches, stays, cities };
}
